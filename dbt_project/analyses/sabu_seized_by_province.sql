-- Sabu seized (grams) by province and year, adding up the BNNP and BNNK
-- figures and BNN RI's national figure apart.
select
    coalesce(offices.province_name, 'Nasional (BNN RI)') as province,
    facts.year,
    sum(facts.value) as sabu_gram,
    count(*) as n_offices_reporting
from {{ ref('fct_indicator_office_year') }} as facts
inner join {{ ref('dim_office') }} as offices
    on facts.office_id = offices.office_id
where
    facts.indicator_code = 'berantas.barang_bukti'
    and facts.breakdown = 'sabu'
    and facts.unit = 'gram'
group by all
order by province, facts.year
