-- One row per office: BNN RI, every BNNP and every BNNK of the gazetteer
-- (Kemendagri regions), whether or not it has been seen in an article, plus
-- any office the extractor named that the gazetteer lacks.

with

gazetteer as (

    select * from {{ ref('stg_raw__offices') }}

),

mentions as (

    select * from {{ ref('int_facts_enriched') }}

),

relevant_articles as (

    select * from {{ ref('stg_raw__articles') }}
    where is_relevant

),

offices_in_facts as (

    select
        office_id,
        any_value(office_name) as office_name,
        any_value(office_level) as office_level,
        any_value(office_code) as region_code,
        min(year) as first_year_seen,
        max(year) as last_year_seen,
        count(distinct page_id) as n_articles
    from mentions
    group by office_id

),

offices_in_reports as (

    select distinct report_office_id as office_id
    from relevant_articles
    where report_office_id is not null

),

provinces as (

    select
        province_code,
        province_name
    from gazetteer
    where office_level = 'provinsi'

),

known_offices as (

    select
        office_id,
        office_name,
        office_level,
        region_code,
        province_code,
        province_name,
        true as in_gazetteer
    from gazetteer

),

-- kept so that every fact has its office; flagged in_gazetteer = false
unknown_offices as (

    select
        offices_in_facts.office_id,
        offices_in_facts.office_name,
        offices_in_facts.office_level,
        offices_in_facts.region_code,
        provinces.province_code,
        provinces.province_name,
        false as in_gazetteer
    from offices_in_facts
    left join provinces
        on left(replace(offices_in_facts.region_code, '.', ''), 2) = provinces.province_code
    where offices_in_facts.office_id not in (select gazetteer.office_id from gazetteer)

),

all_offices as (

    select * from known_offices
    union all
    select * from unknown_offices

),

final as (

    select
        all_offices.office_id,
        all_offices.office_name,
        all_offices.office_level,
        all_offices.region_code,
        all_offices.province_code,
        all_offices.province_name,
        case
            when all_offices.office_level = 'provinsi' then 'bnn-ri'
            when all_offices.office_level in ('kabupaten', 'kota') then 'bnnp-' || all_offices.province_code
        end as parent_office_id,
        all_offices.in_gazetteer,
        (offices_in_facts.office_id is not null or offices_in_reports.office_id is not null) as has_been_seen,
        offices_in_facts.first_year_seen,
        offices_in_facts.last_year_seen,
        coalesce(offices_in_facts.n_articles, 0) as n_articles

    from all_offices
    left join offices_in_facts
        on all_offices.office_id = offices_in_facts.office_id
    left join offices_in_reports
        on all_offices.office_id = offices_in_reports.office_id

)

select * from final
