-- office_id is stable because it is derived from the Kemendagri code:
-- bnn-ri, bnnp-<province code>, bnnk-<region code without the dot>.
-- Returns gazetteer offices whose id does not follow that rule.

select
    office_id,
    office_level,
    region_code,
    province_code
from {{ ref('dim_office') }}
where
    in_gazetteer
    and office_id <> case office_level
        when 'pusat' then 'bnn-ri'
        when 'provinsi' then 'bnnp-' || coalesce(province_code, region_code)
        else 'bnnk-' || replace(region_code, '.', '')
    end
