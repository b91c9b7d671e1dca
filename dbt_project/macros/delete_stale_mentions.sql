{#
    Pre-hook of the incremental fct_indicator_mention.

    delete+insert on page_id replaces the rows of every article loaded since the
    watermark. Two cases bring no new rows to replace old ones with, so they
    are deleted here: an article judged not relevant any more (or gone), and an
    article re-loaded since its rows were written (its new facts, if any, come
    back in through the model's "pages not in the table" clause). After this an
    incremental run ends where a full rebuild would.
#}
{% macro delete_stale_mentions(articles_relation) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as mentions
        where not exists (
            select 1
            from {{ articles_relation }} as articles
            where articles.page_id = mentions.page_id
                and articles.is_relevant
                and articles.loaded_at <= mentions.loaded_at
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
