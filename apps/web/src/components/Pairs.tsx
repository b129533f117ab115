/** Name/value pairs (Env, Labels, annotations) as a two-column table, names as row headers. */
export function Pairs({ pairs, testId }: { pairs: Array<[string, string]>; testId?: string }) {
  return (
    <table className="pairs" data-testid={testId}>
      <tbody>
        {pairs.map(([k, v], i) => (
          <tr key={`${k}:${i}`}>
            <th scope="row">
              <code>{k}</code>
            </th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
