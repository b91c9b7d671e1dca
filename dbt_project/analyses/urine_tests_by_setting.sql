-- Urine tests by setting (lingkungan): each part's share of the office's total.
select
    parts.office_name,
    parts.year,
    breakdowns.label_en as setting,
    parts.value as tested,
    totals.value as tested_total,
    round(100 * parts.value / nullif(totals.value, 0), 1) as pct_of_total
from {{ ref('fct_indicator_office_year') }} as parts
inner join {{ ref('breakdowns') }} as breakdowns
    on parts.breakdown = breakdowns.breakdown
left join {{ ref('fct_indicator_office_year') }} as totals
    on
        parts.office_id = totals.office_id
        and parts.year = totals.year
        and parts.indicator_code = totals.indicator_code
        and totals.breakdown = ''
where
    parts.indicator_code = 'p2m.tes_urine'
    and parts.breakdown <> ''
order by parts.office_name asc, parts.year asc, tested desc
