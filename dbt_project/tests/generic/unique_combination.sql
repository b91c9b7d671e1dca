{#
    The grain test: no two rows share the same values in `columns`.
    Returns one row per duplicated combination.

        data_tests:
          - unique_combination:
              arguments:
                columns: [office_id, year, indicator_code, breakdown, unit]
#}
{% test unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
