// In-app links: real hrefs under /app, navigation without a reload.
import type { MouseEvent, ReactNode } from 'react';
import { href, navigate } from '../router.js';

/** An in-app link: a real href (open in a new tab works), navigation without a reload. */
export function Link({
  to,
  children,
  className,
  ...rest
}: {
  to: string;
  children: ReactNode;
  className?: string;
  'aria-current'?: 'page' | undefined;
  title?: string;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={href(to)} onClick={onClick} className={className} {...rest}>
      {children}
    </a>
  );
}
