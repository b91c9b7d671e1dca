{#
    Every value lies within its indicator's valid range from the catalog seed
    (min, max; an empty bound is open). An index of at most 100 read as 80179
    fails here. Apply to a numeric column; `indicator_column` names the
    indicator code column of the same model.
#}
{% test value_within_indicator_range(model, column_name, indicator_column='indicator_code') %}

with

checked as (

    select
        checked_model.{{ indicator_column }} as indicator_code,
        checked_model.{{ column_name }} as checked_value,
        catalog.min as min_value,
        catalog.max as max_value
    from {{ model }} as checked_model
    inner join {{ ref('indicators') }} as catalog
        on checked_model.{{ indicator_column }} = catalog.code
    where checked_model.{{ column_name }} is not null

)

select *
from checked
where checked_value < min_value
    or checked_value > max_value

{% endtest %}
