with

source as (

    select * from {{ source('raw', 'offices') }}

),

renamed as (

    select

        ----------  ids
        office_id,

        ----------  strings
        office_name,
        office_level,
        nullif(region_code, '') as region_code,
        nullif(province_code, '') as province_code,
        nullif(province_name, '') as province_name

    from source

)

select * from renamed
