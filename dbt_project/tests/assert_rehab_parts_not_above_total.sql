{{ config(severity='warn') }}

-- Outpatients plus inpatients should not exceed all clients rehabilitated
-- (rehab.rawat_jalan + rehab.rawat_inap <= rehab.layanan) for an office-year
-- that reports all three. Warns rather than fails: releases sometimes count
-- referrals in one figure and not in the other.

with

rehab as (

    select
        office_id,
        year,
        max(value) filter (where indicator_code = 'rehab.layanan') as layanan,
        max(value) filter (where indicator_code = 'rehab.rawat_jalan') as rawat_jalan,
        max(value) filter (where indicator_code = 'rehab.rawat_inap') as rawat_inap
    from {{ ref('fct_indicator_office_year') }}
    where breakdown = ''
    group by office_id, year

)

select *
from rehab
where rawat_jalan + rawat_inap > layanan
