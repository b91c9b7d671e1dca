-- One value per office, year, indicator, breakdown and unit, out of every
-- mention of it.
--
-- The rule:
--   1. a release (an article and its syndicated copies) casts one vote; when
--      its copies disagree, the release votes for the value most copies give,
--      then for the most specific one;
--   2. the value with most votes wins;
--   3. a tie goes to the most specific value, the one with more significant
--      digits (1610.64 over 1600, from "1.610,64 gram" and "1,6 kilogram"),
--      then to the value published first;
--   4. any disagreement among mentions sets has_conflict, and values_seen
--      keeps every value seen.
-- Targets are voted on the same way, over the releases that give one.

with

mentions as (

    select
        *,
        {{ significant_digits('value') }} as value_digits,
        {{ significant_digits('target') }} as target_digits
    from {{ ref('int_mentions_released') }}

),

release_values as (

    select
        office_id,
        year,
        indicator_code,
        breakdown,
        unit,
        release_id,
        value,
        any_value(value_digits) as value_digits,
        count(distinct page_id) as n_copies_saying,
        min(published_at) as first_published_at
    from mentions
    group by office_id, year, indicator_code, breakdown, unit, release_id, value

),

release_votes as (

    select * from release_values
    qualify row_number() over (
        partition by office_id, year, indicator_code, breakdown, unit, release_id
        order by n_copies_saying desc, value_digits desc, first_published_at asc nulls last, value asc
    ) = 1

),

value_tally as (

    select
        office_id,
        year,
        indicator_code,
        breakdown,
        unit,
        value,
        any_value(value_digits) as value_digits,
        count(*) as n_votes,
        min(first_published_at) as first_published_at
    from release_votes
    group by office_id, year, indicator_code, breakdown, unit, value

),

winning_values as (

    select * from value_tally
    qualify row_number() over (
        partition by office_id, year, indicator_code, breakdown, unit
        order by n_votes desc, value_digits desc, first_published_at asc nulls last, value asc
    ) = 1

),

release_targets as (

    select
        office_id,
        year,
        indicator_code,
        breakdown,
        unit,
        release_id,
        target,
        any_value(target_digits) as target_digits,
        count(distinct page_id) as n_copies_saying
    from mentions
    where target is not null
    group by office_id, year, indicator_code, breakdown, unit, release_id, target
    qualify row_number() over (
        partition by office_id, year, indicator_code, breakdown, unit, release_id
        order by count(distinct page_id) desc, any_value(target_digits) desc, target
    ) = 1

),

winning_targets as (

    select
        office_id,
        year,
        indicator_code,
        breakdown,
        unit,
        target
    from release_targets
    group by office_id, year, indicator_code, breakdown, unit, target
    qualify row_number() over (
        partition by office_id, year, indicator_code, breakdown, unit
        order by count(*) desc, any_value(target_digits) desc, target
    ) = 1

),

-- the evidence shown is the first published mention of the winning value
winning_evidence as (

    select
        mentions.office_id,
        mentions.year,
        mentions.indicator_code,
        mentions.breakdown,
        mentions.unit,
        mentions.evidence,
        mentions.article_url as evidence_url
    from mentions
    inner join winning_values
        on
            mentions.office_id = winning_values.office_id
            and mentions.year = winning_values.year
            and mentions.indicator_code = winning_values.indicator_code
            and mentions.breakdown = winning_values.breakdown
            and mentions.unit = winning_values.unit
            and mentions.value = winning_values.value
    qualify row_number() over (
        partition by mentions.office_id, mentions.year, mentions.indicator_code, mentions.breakdown, mentions.unit
        order by mentions.published_at asc nulls last, mentions.article_url asc, mentions.evidence_start asc
    ) = 1

),

mention_summary as (

    select
        office_id,
        year,
        indicator_code,
        breakdown,
        unit,
        any_value(office_name) as office_name,
        any_value(office_level) as office_level,
        count(distinct release_id) as n_articles,
        count(distinct page_id) as n_copies,
        count(distinct site) as n_sites,
        count(*) as n_mentions,
        min(published_at) as first_published_at,
        list(distinct article_url order by article_url) as source_urls,
        list(distinct value order by value) as values_seen,
        count(distinct value) > 1 as has_conflict
    from mentions
    group by office_id, year, indicator_code, breakdown, unit

),

reconciled as (

    select
        mention_summary.office_id,
        mention_summary.office_name,
        mention_summary.office_level,
        mention_summary.year,
        mention_summary.indicator_code,
        mention_summary.breakdown,
        mention_summary.unit,
        winning_values.value,
        winning_targets.target,
        winning_values.n_votes as n_articles_agreeing,
        mention_summary.n_articles,
        mention_summary.n_copies,
        mention_summary.n_sites,
        mention_summary.n_mentions,
        mention_summary.first_published_at,
        mention_summary.source_urls,
        winning_evidence.evidence,
        winning_evidence.evidence_url,
        mention_summary.has_conflict,
        mention_summary.values_seen

    from mention_summary
    inner join winning_values
        using (office_id, year, indicator_code, breakdown, unit)
    left join winning_targets
        using (office_id, year, indicator_code, breakdown, unit)
    left join winning_evidence
        using (office_id, year, indicator_code, breakdown, unit)

)

select * from reconciled
