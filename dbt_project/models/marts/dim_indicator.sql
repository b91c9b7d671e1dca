-- One row per indicator of the catalog (seed `indicators`, the single copy
-- that the extractor reads too).

with

catalog as (

    select * from {{ ref('indicators') }}

),

final as (

    select
        code as indicator_code,
        category,
        name_id as indicator_name_id,
        name_en as indicator_name_en,
        unit,
        string_split(unit, '|') as allowed_units,
        kind as value_kind,
        min as min_value,
        max as max_value,
        nullif(breakdown, '') as breakdown_dimension,
        how_it_is_written as phrasing_examples,
        name_id || ' / ' || name_en as description_id_en
    from catalog

)

select * from final
