{#
    Every indicator code is one of the catalog's, every breakdown is '' or a
    value of that indicator's breakdown dimension (seed `breakdowns`), and the
    unit is one the indicator allows.
#}
{% test indicator_in_catalog(model, column_name, breakdown_column='breakdown', unit_column='unit') %}

with

checked as (

    select
        checked_model.{{ column_name }} as indicator_code,
        checked_model.{{ breakdown_column }} as breakdown,
        checked_model.{{ unit_column }} as unit,
        catalog.code as catalog_code,
        catalog.breakdown as breakdown_dimension,
        catalog.unit as catalog_units
    from {{ model }} as checked_model
    left join {{ ref('indicators') }} as catalog
        on checked_model.{{ column_name }} = catalog.code

)

select *
from checked
where catalog_code is null
    or not list_contains(string_split(catalog_units, '|'), unit)
    or (
        breakdown <> ''
        and not exists (
            select 1
            from {{ ref('breakdowns') }} as breakdowns
            where breakdowns.dimension = checked.breakdown_dimension
                and breakdowns.breakdown = checked.breakdown
        )
    )

{% endtest %}
