-- One row per office and year that has any fact, the main indicators as
-- columns (totals unless the column names a breakdown), for spreadsheets.
-- The columns are listed in var('rpt_main_indicators') in dbt_project.yml.

{%- set columns = var('rpt_main_indicators') %}

with

office_year_facts as (

    select * from {{ ref('fct_indicator_office_year') }}

),

mentions as (

    select * from {{ ref('int_mentions_released') }}

),

sources as (

    select
        office_id,
        year,
        count(distinct release_id) as n_articles,
        count(distinct site) as n_sites
    from mentions
    group by office_id, year

),

pivoted as (

    select
        office_id,
        any_value(office_name) as office_name,
        any_value(office_level) as office_level,
        any_value(province_name) as province_name,
        year,
        count(*) as n_facts,
        count(distinct indicator_code) as n_indicators,
        bool_or(has_conflict) as has_conflict,
        {%- for column_name, spec in columns.items() %}
        max({{ spec.get('measure', 'value') }}) filter (
            where indicator_code = '{{ spec.indicator }}'
                and breakdown = '{{ spec.breakdown }}'
                and unit = '{{ spec.unit }}'
        ) as {{ column_name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from office_year_facts
    group by office_id, year

),

final as (

    select
        pivoted.*,
        sources.n_articles,
        sources.n_sites
    from pivoted
    left join sources
        on pivoted.office_id = sources.office_id
        and pivoted.year = sources.year

)

select * from final
