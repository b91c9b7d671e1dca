-- How much of each province is covered: offices with any fact per year,
-- out of all the province's offices.
select
    province_name,
    year,
    count(*) filter (where has_data) as offices_with_data,
    count(*) as offices,
    round(100.0 * count(*) filter (where has_data) / count(*), 1) as pct_covered
from {{ ref('rpt_coverage') }}
where province_name is not null
group by province_name, year
order by province_name, year
