-- Numbers the sources disagree on, with every value seen and where the
-- winning one was read.
select
    office_name,
    year,
    indicator_code,
    breakdown,
    value,
    values_seen,
    n_articles,
    n_articles_agreeing,
    evidence,
    evidence_url
from {{ ref('fct_indicator_office_year') }}
where has_conflict
order by office_name, year, indicator_code
