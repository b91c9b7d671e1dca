-- Which offices exceeded their rehabilitation targets in 2024?
select
    office_name,
    indicator_code,
    value,
    target,
    achievement_pct
from {{ ref('fct_indicator_office_year') }}
where
    year = 2024
    and category = 'rehabilitasi'
    and breakdown = ''
    and achievement_pct > 100
order by achievement_pct desc
