{#
    The site an article came from: the URL's host, lower-cased, without "www.".
    Two copies of a release on one site count as one site.
#}
{% macro url_host(url_column) -%}
    nullif(regexp_extract(lower({{ url_column }}), '^[a-z][a-z0-9+.-]*://(www\.)?([^/:?#]+)', 2), '')
{%- endmacro %}
