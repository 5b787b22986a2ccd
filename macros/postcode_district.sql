{#-
    postcode_district(column_name)

    The postcode district (outward code: "WV1 1AA" gives "WV1") of a UK postcode, or null when
    the value is not a well-formed postcode. Staging keeps no full postcode: the district is the
    most any model carries (issue 4, privacy).
-#}
{% macro postcode_district(column_name) -%}
    case
        when {{ full_match(
            "upper(replace(" ~ as_text(column_name) ~ ", ' ', ''))",
            '[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}'
        ) }}
            then left(
                upper(replace({{ as_text(column_name) }}, ' ', '')),
                length(replace({{ as_text(column_name) }}, ' ', '')) - 3
            )
    end
{%- endmacro %}
