-- Offices x years: one row per office of dim_office and year from
-- var('coverage_first_year') to the latest year with a fact, with how many
-- articles and facts cover it. Rows with no data are the gaps.

with

offices as (

    select * from {{ ref('dim_office') }}

),

mentions as (

    select * from {{ ref('int_mentions_released') }}

),

office_year_facts as (

    select * from {{ ref('fct_indicator_office_year') }}

),

years as (

    select cast(range as integer) as year
    from range(
        {{ var('coverage_first_year') }},
        greatest(
            {{ var('coverage_first_year') }},
            coalesce((select max(year) from mentions), {{ var('coverage_first_year') }})
        ) + 1
    )

),

mention_counts as (

    select
        office_id,
        year,
        count(distinct page_id) as n_articles,
        count(distinct release_id) as n_releases,
        count(distinct site) as n_sites,
        count(*) as n_mentions
    from mentions
    group by office_id, year

),

fact_counts as (

    select
        office_id,
        year,
        count(*) as n_facts,
        count(distinct indicator_code) as n_indicators,
        count(*) filter (where has_conflict) as n_conflicts
    from office_year_facts
    group by office_id, year

),

final as (

    select
        offices.office_id,
        offices.office_name,
        offices.office_level,
        offices.province_name,
        years.year,
        coalesce(mention_counts.n_articles, 0) as n_articles,
        coalesce(mention_counts.n_releases, 0) as n_releases,
        coalesce(mention_counts.n_sites, 0) as n_sites,
        coalesce(mention_counts.n_mentions, 0) as n_mentions,
        coalesce(fact_counts.n_facts, 0) as n_facts,
        coalesce(fact_counts.n_indicators, 0) as n_indicators,
        coalesce(fact_counts.n_conflicts, 0) as n_conflicts,
        fact_counts.office_id is not null as has_data,
        -- an office seen in some year but not this one
        offices.has_been_seen and fact_counts.office_id is null as is_gap

    from offices
    cross join years
    left join mention_counts
        on
            offices.office_id = mention_counts.office_id
            and years.year = mention_counts.year
    left join fact_counts
        on
            offices.office_id = fact_counts.office_id
            and years.year = fact_counts.year

)

select * from final
