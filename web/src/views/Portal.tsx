import type { ViewProps } from '../types.js';

export function Portal(_props: ViewProps) {
  return <section><h1>Portal</h1></section>;
}
