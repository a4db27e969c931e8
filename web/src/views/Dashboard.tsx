import type { ViewProps } from '../types.js';

export function Dashboard(_props: ViewProps) {
  return <section><h1>Dashboard</h1></section>;
}
