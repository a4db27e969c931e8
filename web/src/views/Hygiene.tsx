import type { ViewProps } from '../types.js';

export function Hygiene(_props: ViewProps) {
  return <section><h1>Hygiene</h1></section>;
}
