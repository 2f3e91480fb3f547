// Receipts of export files (format 2.2): which of a volunteer's files the coordinator
// confirmed. The receipts themselves come from the backend; here only how they are said.
import type { Lang } from '../../shared/i18n';

/** Numbers as a list in words: `1`, `1 en 3`, `1, 2 en 4` (English: `and`). */
export function numberList(numbers: readonly (number | bigint)[], lang: Lang): string {
  const parts = numbers.map((n) => String(n));
  if (parts.length <= 1) return parts.join('');
  const and = lang === 'nl' ? 'en' : 'and';
  return `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1]}`;
}
