-- A view over the table.
{{ config(materialized='view') }}
select customer_id, name, total_amount from {{ ref('customer_totals') }} where total_amount >= 15
