-- One row per office, year, indicator, breakdown and unit: the reconciled
-- value with its target, how many independent articles and sites gave it,
-- the evidence, and whether sources disagreed.

with

reconciled as (

    select * from {{ ref('int_facts_reconciled') }}

),

offices as (

    select * from {{ ref('dim_office') }}

),

indicators as (

    select * from {{ ref('dim_indicator') }}

),

final as (

    select
        reconciled.office_id,
        coalesce(offices.office_name, reconciled.office_name) as office_name,
        coalesce(offices.office_level, reconciled.office_level) as office_level,
        offices.province_name,
        reconciled.year,
        reconciled.indicator_code,
        indicators.indicator_name_en,
        reconciled.breakdown,
        reconciled.unit,
        reconciled.value,
        reconciled.target,
        indicators.category,
        case
            when reconciled.target > 0 then round(reconciled.value / reconciled.target * 100, 2)
        end as achievement_pct,
        reconciled.n_articles,
        reconciled.n_articles_agreeing,
        reconciled.n_copies,
        reconciled.n_sites,
        reconciled.first_published_at,
        reconciled.source_urls,
        reconciled.evidence,
        reconciled.evidence_url,
        reconciled.has_conflict,
        reconciled.values_seen

    from reconciled
    left join offices
        on reconciled.office_id = offices.office_id
    left join indicators
        on reconciled.indicator_code = indicators.indicator_code

)

select * from final
