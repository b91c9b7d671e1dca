with

source as (

    select * from {{ source('raw', 'facts') }}

),

renamed as (

    select

        ----------  ids
        fact_id,
        page_id,
        office_id,

        ----------  strings
        url as article_url,
        office_name,
        office_level,
        office_code,
        indicator as indicator_code,
        -- a total has breakdown ''; never null, so that grains group it with itself
        coalesce(breakdown, '') as breakdown,
        unit,
        value_text,
        evidence,
        extractor_version,

        ----------  numerics
        year,
        value,
        target,
        evidence_start,
        evidence_end,

        ----------  timestamps
        loaded_at

    from source

)

select * from renamed
