// What each Decision 766/QĐ-TTg indicator of the report means on the page: its formula, what its
// numerator and denominator count, and why it is not applicable when it is not — in the page's
// language (the module's own `note` is Vietnamese only). Definitions: src/stats/d766.rs.
import { t } from './i18n.js';
import * as fmt from './fmt.js';

/** Why an indicator without a rate is not applicable: its column is missing, or nothing to count. */
function reason(x, r) {
  const columns = r.quality?.columns ?? {};
  const missing = (field) => !(field in columns);
  switch (x.code) {
    case '2.1': return t('d766.na.noDue');
    case '3.3': return missing('channel') ? t('d766.na.noColumn', { col: t('d766.col.channel') }) : t('d766.na.noNew');
    case '3.6': return missing('onlinePayment') ? t('d766.na.noColumn', { col: t('d766.col.payment') }) : t('d766.na.noFee');
    case '4.2': return missing('digitized') ? t('d766.na.noColumn', { col: t('d766.col.digitized') }) : t('d766.na.noNew');
    case '5.4': return t('d766.na.noClassified');
    default: return t('d766.na.other');
  }
}

/**
 * For one indicator of `r.d766`: { formula, numerator, denominator, note } as page text.
 * `numerator`/`denominator` name what is counted with the numbers; `note` is the reason it is not
 * applicable, or (2.1) why it differs from the headline on-time rate.
 */
export function d766Explain(x, r) {
  const n = fmt.num(x.numerator);
  const d = fmt.num(x.denominator);
  const key = `d766.f.${x.code}`;
  const out = {
    formula: t(key),
    numerator: t(`${key}.num`, { n }),
    denominator: t(`${key}.den`, { d }),
    note: null,
  };
  if (!x.applicable) {
    out.note = reason(x, r);
    return out;
  }
  if (x.code === '2.1') {
    // 2.1 counts the dossiers still in progress at the period end as well; the headline rate only resolved ones.
    const early = r.resolved?.early ?? 0;
    const onTime = r.resolved?.onTime ?? 0;
    const late = r.resolved?.late ?? 0;
    const within = Math.max(0, x.numerator - early - onTime);
    const overdue = Math.max(0, x.denominator - x.numerator - late);
    out.note = t('d766.vsHeadline', {
      headline: fmt.pct(r.resolved?.onTimeRate ?? null), within: fmt.num(within), overdue: fmt.num(overdue),
    });
  }
  return out;
}
