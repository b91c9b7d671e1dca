{{ config(materialized='table') }}

-- Relevant articles grouped into releases. A press release is often
-- republished by several sites with small edits; all its copies share one
-- release_id and count as one source in the reconciliation.
--
-- Two articles are copies when
--   * their text simhashes differ in at most var('near_duplicate_max_hamming')
--     bits (3: the same text give or take a few words), or
--   * they share at least var('related_min_shared_facts') facts (same office,
--     year, indicator, breakdown, unit and value) and their simhashes differ in
--     at most var('related_max_hamming') bits: a copy whose title, lead and
--     boilerplate were rewritten, as syndication does (on the sample sites
--     such copies are 13-18 bits apart, while unrelated reports are 20 or more
--     and an article that merely quotes a release's numbers 35 or more), or
--   * they state exactly the same set of at least var('same_facts_min_shared')
--     facts, however differently worded.
-- Copies of copies are copies: releases are the connected components of the links.

with recursive

relevant_articles as (

    select
        page_id,
        article_url,
        site,
        published_at,
        text_simhash
    from {{ ref('stg_raw__articles') }}
    where is_relevant

),

facts as (

    select
        page_id,
        concat_ws('|', office_id, year, indicator_code, breakdown, unit, value) as fact_key
    from {{ ref('int_facts_enriched') }}

),

fact_sets as (

    select
        page_id,
        count(distinct fact_key) as n_facts,
        string_agg(distinct fact_key, ';' order by fact_key) as fact_signature
    from facts
    group by page_id

),

near_duplicate_links as (

    select
        left_articles.page_id as page_a,
        right_articles.page_id as page_b
    from relevant_articles as left_articles
    inner join relevant_articles as right_articles
        on
            left_articles.page_id < right_articles.page_id
            and bit_count(xor(left_articles.text_simhash, right_articles.text_simhash))
            <= {{ var('near_duplicate_max_hamming') }}

),

shared_fact_counts as (

    select
        left_facts.page_id as page_a,
        right_facts.page_id as page_b,
        count(distinct left_facts.fact_key) as n_shared_facts
    from facts as left_facts
    inner join facts as right_facts
        on
            left_facts.fact_key = right_facts.fact_key
            and left_facts.page_id < right_facts.page_id
    group by left_facts.page_id, right_facts.page_id

),

rewritten_copy_links as (

    select
        shared_fact_counts.page_a,
        shared_fact_counts.page_b
    from shared_fact_counts
    inner join relevant_articles as left_articles
        on shared_fact_counts.page_a = left_articles.page_id
    inner join relevant_articles as right_articles
        on shared_fact_counts.page_b = right_articles.page_id
    where
        shared_fact_counts.n_shared_facts >= {{ var('related_min_shared_facts') }}
        and bit_count(xor(left_articles.text_simhash, right_articles.text_simhash))
        <= {{ var('related_max_hamming') }}

),

same_facts_links as (

    select
        left_sets.page_id as page_a,
        right_sets.page_id as page_b
    from fact_sets as left_sets
    inner join fact_sets as right_sets
        on
            left_sets.page_id < right_sets.page_id
            and left_sets.fact_signature = right_sets.fact_signature
    where left_sets.n_facts >= {{ var('same_facts_min_shared') }}

),

links as (

    select
        page_a,
        page_b
    from near_duplicate_links
    union
    select
        page_a,
        page_b
    from rewritten_copy_links
    union
    select
        page_a,
        page_b
    from same_facts_links

),

edges as (

    select
        page_a as from_page,
        page_b as to_page
    from links
    union
    select
        page_b as from_page,
        page_a as to_page
    from links

),

-- every article reaches itself and, through the links, all its copies;
-- union (not union all) stops the recursion once nothing new is reached
reachable (page_id, reached_page_id) as (

    select
        page_id,
        page_id as reached_page_id
    from relevant_articles

    union

    select
        reachable.page_id,
        edges.to_page
    from reachable
    inner join edges
        on reachable.reached_page_id = edges.from_page

),

components as (

    select
        page_id,
        min(reached_page_id) as component_id
    from reachable
    group by page_id

),

releases as (

    select
        relevant_articles.page_id,
        -- a release is named after its earliest copy
        first_value(relevant_articles.page_id) over (
            partition by components.component_id
            order by relevant_articles.published_at asc nulls last, relevant_articles.page_id asc
        ) as release_id,
        row_number() over (
            partition by components.component_id
            order by relevant_articles.published_at asc nulls last, relevant_articles.page_id asc
        ) as copy_number,
        count(*) over (partition by components.component_id) as n_copies,
        relevant_articles.article_url,
        relevant_articles.site,
        relevant_articles.published_at
    from relevant_articles
    inner join components
        on relevant_articles.page_id = components.page_id

),

final as (

    select
        page_id,
        release_id,
        copy_number,
        n_copies,
        copy_number = 1 as is_first_copy,
        article_url,
        site,
        published_at
    from releases

)

select * from final
