{{
    config(
        materialized='incremental',
        unique_key='page_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_mentions(ref('stg_raw__articles')) }}"
    )
}}

-- depends_on: {{ ref('stg_raw__articles') }}

-- Incremental by article. A run picks up the articles loaded since the last
-- one (the loaded_at watermark) and replaces all their rows (delete+insert on
-- page_id); the pre-hook drops articles re-loaded without facts or no longer
-- relevant. A full rebuild and a chain of incremental runs give the same rows.

with

mentions as (

    select * from {{ ref('int_facts_enriched') }}

),

final as (

    select
        mention_id,
        page_id,
        office_id,
        office_name,
        office_level,
        year,
        indicator_code,
        breakdown,
        unit,
        value,
        target,
        value_text,
        evidence,
        evidence_start,
        evidence_end,
        article_url,
        article_title,
        site,
        site_name,
        source_name,
        published_at,
        report_year,
        extractor_version,
        loaded_at
    from mentions

    {% if is_incremental() %}
        where
        -- articles (re)loaded since the last run
            mentions.loaded_at >= (select max(existing.loaded_at) from {{ this }} as existing)
            -- articles with no rows here yet: new ones, and those the pre-hook cleared
            or mentions.page_id not in (select existing.page_id from {{ this }} as existing)
    {% endif %}

)

select * from final
