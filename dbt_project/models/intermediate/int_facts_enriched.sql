-- Facts of relevant articles, each with the article it was read from.
-- Facts of articles judged not relevant stop here and never reach a mart.

with

facts as (

    select * from {{ ref('stg_raw__facts') }}

),

relevant_articles as (

    select * from {{ ref('stg_raw__articles') }}
    where is_relevant

),

enriched as (

    select
        facts.fact_id as mention_id,
        facts.page_id,
        facts.office_id,
        facts.office_name,
        facts.office_level,
        facts.office_code,
        facts.year,
        facts.indicator_code,
        facts.breakdown,
        facts.unit,
        facts.value,
        facts.target,
        facts.value_text,
        facts.evidence,
        facts.evidence_start,
        facts.evidence_end,
        relevant_articles.article_url,
        relevant_articles.site,
        relevant_articles.site_name,
        relevant_articles.source_name,
        relevant_articles.title as article_title,
        relevant_articles.published_at,
        relevant_articles.report_year,
        relevant_articles.extractor_version,
        -- the article's load time, not the fact's: the whole article is the
        -- unit that a re-load replaces
        relevant_articles.loaded_at

    from facts
    inner join relevant_articles
        on facts.page_id = relevant_articles.page_id

)

select * from enriched
