/**
 * Compile-time checks that what the analysis package produces is what the contract (and so the
 * web app) reads: if a report, model or finding field changes on one side only, typecheck fails here.
 */
import type {
  MODEL_MEDIA_TYPE as PRODUCED_MEDIA_TYPE,
  Finding as AnalysisFinding,
  ImagePackage,
  Report as AnalysisReport,
} from '@strata/analysis';
import type { ErrorCode as ContractErrorCode, Finding, MODEL_MEDIA_TYPE, Report } from '@strata/contract';
import type { ErrorCode as ImageErrorCode } from '@strata/image';

type Fits<Contract, Produced extends Contract> = Produced;

export type ReportFits = Fits<Report, AnalysisReport>;
export type ReportWithAdviceFits = Fits<Report, AnalysisReport & { advice: AnalysisFinding[] }>;
export type FindingFits = Fits<Finding, AnalysisFinding>;
export type ModelMediaTypeFits = Fits<typeof MODEL_MEDIA_TYPE, typeof PRODUCED_MEDIA_TYPE>;
export type ErrorCodesFit = Fits<ContractErrorCode, ImageErrorCode>;
export type PackagesFit = Fits<NonNullable<Report['packages']>, ImagePackage[]>;
