{#
    The parts of a total (its breakdown rows) do not add up to more than the
    total (the row with breakdown ''), within `tolerance`. Returns one row per
    total exceeded. Only indicators whose values add up are checked (kind
    count, mass or currency in the catalog): an index by lingkungan (IKP 3.62
    in government, 3.44 in private firms) has parts that do not sum to a total.
    Meant as a warning: parts above the total point at a misread number.
#}
{% test parts_not_above_total(model, column_name, group_by, breakdown_column='breakdown',
                              indicator_column='indicator_code', tolerance=0.5) %}

with

additive as (

    select checked_model.*
    from {{ model }} as checked_model
    inner join {{ ref('indicators') }} as catalog
        on checked_model.{{ indicator_column }} = catalog.code
    where catalog.kind in ('count', 'mass', 'currency')

),

totals as (

    select {{ group_by | join(', ') }}, {{ column_name }} as total_value
    from additive
    where {{ breakdown_column }} = ''

),

parts as (

    select {{ group_by | join(', ') }}, sum({{ column_name }}) as parts_value, count(*) as n_parts
    from additive
    where {{ breakdown_column }} <> ''
    group by {{ group_by | join(', ') }}

)

select
    totals.*,
    parts.parts_value,
    parts.n_parts
from totals
inner join parts
    using ({{ group_by | join(', ') }})
where parts.parts_value > totals.total_value + {{ tolerance }}

{% endtest %}
