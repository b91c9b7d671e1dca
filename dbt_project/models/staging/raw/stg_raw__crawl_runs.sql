with

source as (

    select * from {{ source('raw', 'crawl_runs') }}

),

renamed as (

    select

        ----------  ids
        run_id,

        ----------  strings
        source as source_name,
        status as run_status,
        message as run_message,

        ----------  numerics
        coalesce(pages_fetched, 0) as pages_fetched,
        coalesce(articles_fetched, 0) as articles_fetched,
        coalesce(errors, 0) as n_errors,
        date_diff('second', started_at, finished_at) as duration_seconds,

        ----------  timestamps
        started_at,
        finished_at

    from source

)

select * from renamed
