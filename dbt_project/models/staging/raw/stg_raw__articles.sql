with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select

        ----------  ids
        page_id,
        office_id as report_office_id,

        ----------  strings
        url as requested_url,
        coalesce(final_url, url) as article_url,
        {{ url_host('coalesce(final_url, url)') }} as site,
        source as source_name,
        site_name,
        title,
        text as article_text,
        relevance_reason,
        office_name as report_office_name,
        office_level as report_office_level,
        office_code as report_office_code,
        extractor_version,

        ----------  numerics
        text_simhash,
        report_year,
        coalesce(n_facts, 0) as n_facts,
        coalesce(n_rejected, 0) as n_rejected,

        ----------  booleans
        coalesce(is_relevant, false) as is_relevant,

        ----------  timestamps
        published_at,
        loaded_at

    from source

)

select * from renamed
