-- A number is looked up by the number itself (the primary key) and then checked against its customer: an index on
-- the customer served no query and cost a write with every ticket opened.
DROP INDEX ticket_number_customer;
