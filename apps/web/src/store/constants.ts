/** Rows a PageUp/PageDown moves in the tree. */
export const ROW_PAGE = 20;
