-- Each mention of a relevant article, tagged with the release its article
-- belongs to, the unit the reconciliation counts sources in.

with

mentions as (

    select * from {{ ref('int_facts_enriched') }}

),

articles as (

    select * from {{ ref('int_articles_deduplicated') }}

),

released as (

    -- every column of int_facts_enriched, plus the release
    select
        mentions.*,
        articles.release_id
    from mentions
    inner join articles
        on mentions.page_id = articles.page_id

)

select * from released  -- noqa: AM04
