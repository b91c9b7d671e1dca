{#
    How specific a number is: its count of significant digits, read from the
    number itself (up to six decimals). 1610.64 -> 6, 1600 -> 2, 118 -> 3, 0 -> 0.
    Reconciliation prefers the more specific of two equally supported values,
    so "1.610,64 gram" beats "1,6 kilogram" (= 1600).
#}
{% macro significant_digits(value_column) -%}
    length(
        rtrim(
            ltrim(replace(printf('%.6f', abs({{ value_column }})), '.', ''), '0'),
            '0'
        )
    )
{%- endmacro %}
