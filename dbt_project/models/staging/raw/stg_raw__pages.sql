with

source as (

    select * from {{ source('raw', 'pages') }}

),

renamed as (

    select

        ----------  ids
        page_id,
        run_id,

        ----------  strings
        url as requested_url,
        coalesce(final_url, url) as page_url,
        {{ url_host('coalesce(final_url, url)') }} as site,
        source as source_name,
        kind as page_kind,
        headers as headers_json,
        warc_file,
        skip_reason,
        skipped_by as skipped_by_version,

        ----------  numerics
        status as http_status,
        octet_length(body) as body_bytes,
        warc_offset,

        ----------  booleans
        coalesce(final_url, url) <> url as was_redirected,
        skip_reason is not null as was_skipped,

        ----------  timestamps
        fetched_at

    from source

)

select * from renamed
