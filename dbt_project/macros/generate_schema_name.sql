{#
    Layers land in schemas named after them (staging, intermediate, reference)
    instead of dbt's default <target_schema>_<custom>; marts have no custom
    schema and land in the target's (main), where analysts query them unqualified.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
