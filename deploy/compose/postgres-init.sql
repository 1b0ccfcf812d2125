-- Runs once, when the data volume is new. The registry database is POSTGRES_DB.
CREATE DATABASE results OWNER agentry;
CREATE DATABASE gateway OWNER agentry;
