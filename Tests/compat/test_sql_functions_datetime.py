"""Date/time and formatting functions through the Data API: a corpus of Redshift-dialect cases whose
expected values are the Amazon Redshift Database Developer Guide's examples (the TICKIT sample rows
written as literals) or its documented rules. The page slug is beside each case.

Values are as the Data API returns them: TIMESTAMP as JDBC text with a fraction (`2009-08-28 00:00:00.0`),
TIMESTAMPTZ/TIMETZ with the session offset (`+00`), DATE `YYYY-MM-DD`; INTEGER/BIGINT as longValue,
DOUBLE PRECISION as doubleValue, DECIMAL and VARCHAR as stringValue. The Field member is checked too.
"""

import re
import uuid

import pytest

from conftest import fetch_all, run

TARGET = {"ClusterIdentifier": f"datetime-corpus-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}


class Approx:
    """A documented value printed rounded to `digits` decimals (r_MONTHS_BETWEEN_function shows 11.12)."""

    def __init__(self, value: float, digits: int = 2):
        self.value, self.digits = value, digits

    def matches(self, got) -> bool:
        return isinstance(got, float) and round(got, self.digits) == self.value

    def __repr__(self):
        return f"≈{self.value}"


class Matches:
    """A clock value: only its shape is documented."""

    def __init__(self, pattern: str):
        self.pattern = re.compile(pattern)

    def matches(self, got) -> bool:
        return isinstance(got, str) and self.pattern.fullmatch(got) is not None

    def __repr__(self):
        return f"/{self.pattern.pattern}/"


def rn(text: str) -> str:
    """RN output: right-aligned in 15 characters (r_TO_CHAR's `rn` column is right-aligned)."""
    return text.rjust(15)


T, D = "2020-04-30 04:05:06.789", "20220502 04:05:06.789"

CASES = [
    # --- DATEADD -------------------------------------------------------------------------------
    ("r_DATEADD_function", "select dateadd(month,18,'2008-02-28')", "2009-08-28 00:00:00.0"),
    ("r_DATEADD_function", "select dateadd(m,30,'2008-02-28')", "2008-02-28 00:30:00.0"),
    ("r_DATEADD_function", "select dateadd(day,30,date '2008-11-01')", "2008-12-01 00:00:00.0"),
    ("r_DATEADD_function", "select dateadd(day,30,date '2008-11-02')", "2008-12-02 00:00:00.0"),
    ("r_DATEADD_function", "select dateadd(day,30,date '2008-11-03')", "2008-12-03 00:00:00.0"),
    ("r_DATEADD_function", "select dateadd(hour, 8, time '13:24:55')", "21:24:55"),
    ("r_DATEADD_function", "select dateadd(hour, 12, time '13:24:55')", "01:24:55"),
    ("r_DATEADD_function", "select dateadd(minute,5,time '20:00:00')", "20:05:00"),
    ("r_DATEADD_function", "select dateadd(minute,5,time '00:58:00')", "01:03:00"),
    ("r_DATEADD_function", "select dateadd(hour, 2, timetz '13:24:55 PST')", "23:24:55+00"),
    ("r_DATEADD_function", "select dateadd(minute,5,timetz '04:00:00+00')", "04:05:00+00"),
    ("r_DATEADD_function", "select dateadd(minute,5,timetz '05:58:00+00')", "06:03:00+00"),
    ("r_DATEADD_function", "select dateadd(month,1,'2008-04-30')", "2008-05-30 00:00:00.0"),
    ("r_DATEADD_function", "select dateadd(month,12,'2016-02-29')", "2017-02-28 00:00:00.0"),
    ("r_DATEADD_function", "select dateadd(year, 1, '2016-02-29')", "2017-03-01 00:00:00.0"),
    ("r_DATEADD_function", "select dateadd(month,-1,'2008-03-31')", "2008-02-29 00:00:00.0"),
    # --- DATEDIFF ------------------------------------------------------------------------------
    ("r_DATEDIFF_function", "select datediff(week,'2009-01-01','2009-12-31') as numweeks", 52),
    ("r_DATEDIFF_function", "select datediff(hour, '2023-01-01', '2023-01-03 05:04:03')", 53),
    ("r_DATEDIFF_function", "select datediff(days, 'Jun 1,2008 09:59:59 EST', 'Jul 4,2008 09:59:59 EST')", 33),
    ("r_DATEDIFF_function", "select datediff(day, date '2009-01-01', date '2009-03-23')", 81),
    ("r_DATEDIFF_function", "select datediff(day, date '2023-01-04', date '2024-05-04')", 486),
    ("r_DATEDIFF_function", "select datediff(year, '2008-12-31', '2009-01-01')", 1),
    ("r_DATEDIFF_function", "select datediff(year, '2009-01-01', '2008-12-31')", -1),
    ("r_DATEDIFF_function", "select datediff(hour, '2009-01-01 8:30:00', '2009-01-01 10:00:00')", 2),
    ("r_DATEDIFF_function", "select datediff(hour, time '8:30:00', time '10:00:00')", 2),
    ("r_DATEDIFF_function", "select datediff(hour, time '20:00:00', time '15:24:45')", -5),
    ("r_DATEDIFF_function", "select datediff(hour, time '00:00:00.5550', time '15:24:45')", 15),
    ("r_DATEDIFF_function", "select datediff(hour, time '00:58:00', time '15:24:45')", 15),
    ("r_DATEDIFF_function", "select datediff(minute, time '20:00:00', time '21:00:00') as nummins", 60),
    ("r_DATEDIFF_function", "select datediff(hours, timetz '20:00:00 PST', timetz '04:00:00+00')", 0),
    ("r_DATEDIFF_function", "select datediff(hours, timetz '20:00:00 PST', timetz '00:00:00.5550+00')", -4),
    ("r_DATEDIFF_function", "select datediff(hours, timetz '20:00:00 PST', timetz '05:58:00+00')", 1),
    ("r_DATEDIFF_function", "select datediff(hours, timetz '20:00:00 PST', timetz '00:58:00 EST') as numhours", 1),
    # --- DATE_TRUNC ----------------------------------------------------------------------------
    ("r_DATE_TRUNC", f"select date_trunc('second', timestamp '{T}')", "2020-04-30 04:05:06.0"),
    ("r_DATE_TRUNC", f"select date_trunc('minute', timestamp '{T}')", "2020-04-30 04:05:00.0"),
    ("r_DATE_TRUNC", f"select date_trunc('hour', timestamp '{T}')", "2020-04-30 04:00:00.0"),
    ("r_DATE_TRUNC", f"select date_trunc('day', timestamp '{T}')", "2020-04-30 00:00:00.0"),
    ("r_DATE_TRUNC", f"select date_trunc('month', timestamp '{T}')", "2020-04-01 00:00:00.0"),
    ("r_DATE_TRUNC", f"select date_trunc('quarter', timestamp '{T}')", "2020-04-01 00:00:00.0"),
    ("r_DATE_TRUNC", f"select date_trunc('year', timestamp '{T}')", "2020-01-01 00:00:00.0"),
    ("r_DATE_TRUNC", f"select date_trunc('millennium', timestamp '{T}')", "2001-01-01 00:00:00.0"),
    ("r_DATE_TRUNC", "select date_trunc('week', timestamp '20220430 04:05:06.789')", "2022-04-25 00:00:00.0"),
    ("r_DATE_TRUNC", "select date_trunc('week', timestamp '2008-09-07 21:00:00')", "2008-09-01 00:00:00.0"),
    ("r_DATE_TRUNC", "select date_trunc('week', timestamp '2008-09-30 10:00:00')", "2008-09-29 00:00:00.0"),
    # --- DATE_PART / PGDATE_PART ----------------------------------------------------------------
    ("r_DATE_PART_function", "select date_part(minute, timestamp '20230104 04:05:06.789')", 5.0),
    ("r_DATE_PART_function", f"select date_part(week, timestamp '{D}')", 18.0),
    ("r_DATE_PART_function", f"select date_part(day, timestamp '{D}')", 2.0),
    ("r_DATE_PART_function", f"select date_part(dayofweek, timestamp '{D}')", 1.0),
    ("r_DATE_PART_function", f"select date_part(century, timestamp '{D}')", 21.0),
    ("r_DATE_PART_function", f"select date_part(millennium, timestamp '{D}')", 3.0),
    ("r_DATE_PART_function", f"select date_part(microsecond, timestamp '{D}')", 789000.0),
    ("r_DATE_PART_function", "select date_part(month, date '20220502')", 5.0),
    ("r_DATE_PART_function", "select date_part(w, timestamp '2008-06-17 09:44:54') as weeks", 25.0),
    ("r_DATE_PART_function", "select date_part(dow, timestamp '2008-01-05 14:00:00') as dow", 6.0),
    ("r_DATE_PART_function", "select pgdate_part(minute, timestamp '20230104 04:05:06.789')", 5.0),
    ("r_Dateparts_for_datetime_functions", "select date_part(sec, timestamp '2009-09-21 11:10:03.189717')", 3.189717),
    ("r_Dateparts_for_datetime_functions", "select date_part(epoch, timestamp '2008-01-01 20:00:00')", 1199217600.0),
    ("r_Dateparts_for_datetime_functions", "select date_part(epoch, timestamp '2008-01-01 15:00:00')", 1199199600.0),
    ("r_Dateparts_for_datetime_functions", "select date_part(epoch, timestamp '2008-01-02 14:30:00')", 1199284200.0),
    ("r_Dateparts_for_datetime_functions", "select date_part(epoch, timestamp '2008-01-02 19:30:00')", 1199302200.0),
    # --- EXTRACT -------------------------------------------------------------------------------
    ("r_EXTRACT_function", "select extract(minute from timestamp '2009-09-09 12:08:43')", 8),
    ("r_EXTRACT_function", "select extract(ms from timestamp '2009-09-09 12:08:43.101')", 101),
    ("r_EXTRACT_function", "select extract(year from timestamptz '1.12.1997 07:37:16.00 PST')", 1997.0),
    ("r_EXTRACT_function", "select extract(minute from time '20:00:00')", 0),
    ("r_EXTRACT_function", "select extract(minute from time '00:58:00')", 58),
    ("r_EXTRACT_function", "select extract(hour from time '20:00:00')", 20),
    ("r_EXTRACT_function", "select extract(hour from time '00:58:00')", 0),
    ("r_EXTRACT_function", "select extract(ms from time '18:25:33.123456')", 123),
    ("r_EXTRACT_function", "select extract(hour from timetz '04:00:00+00')", 4),
    ("r_EXTRACT_function", "select extract(hour from timetz '05:58:00+00')", 5),
    ("r_EXTRACT_function", "select extract(ms from timetz '18:25:33.123456 EST')", 123),
    ("r_Dateparts_for_datetime_functions", "select extract(sec from timestamp '2009-09-21 11:10:03.189717')", 3),
    ("r_Dateparts_for_datetime_functions", "select extract(century from timestamp '2000-12-16 12:21:13')", 20),
    ("r_Dateparts_for_datetime_functions", "select extract(century from timestamp '2001-12-16 12:21:13')", 21),
    ("r_Dateparts_for_datetime_functions", "select extract(decade from timestamp '1999-02-16 20:38:40')", 200),
    ("r_Dateparts_for_datetime_functions", "select extract(decade from timestamp '2000-02-16 20:38:40')", 201),
    ("r_Dateparts_for_datetime_functions", "select extract(decade from timestamp '2010-02-16 20:38:40')", 202),
    ("r_Dateparts_for_datetime_functions", "select extract(mil from timestamp '2000-12-16 12:21:13')", 2),
    ("r_Dateparts_for_datetime_functions", "select extract(mil from timestamp '2001-12-16 12:21:13')", 3),
    # --- DATE_PART_YEAR, TRUNC, LAST_DAY, ADD_MONTHS --------------------------------------------
    ("r_DATE_PART_YEAR", "select date_part_year(date '20220502 04:05:06.789')", 2022),
    ("r_DATE_PART_YEAR", "select date_part_year(date '2008-01-10')", 2008),
    ("r_TRUNC_date", "select trunc(timestamp '2011-07-21 10:32:38.248109')", "2011-07-21"),
    ("r_TRUNC_date", "select trunc(timestamp '2008-01-25 14:30:00')", "2008-01-25"),
    ("r_LAST_DAY", "select last_day(timestamp '2014-01-21 10:32:38')", "2014-01-31"),
    ("r_LAST_DAY", "select last_day(date '2008-02-10')", "2008-02-29"),
    ("r_LAST_DAY", "select datediff(day, timestamp '2008-02-25 10:00:00', last_day(timestamp '2008-02-25 10:00:00'))", 4),
    ("r_ADD_MONTHS", "select add_months('2008-03-31',1)", "2008-04-30 00:00:00.0"),
    ("r_ADD_MONTHS", "select add_months('2008-04-30',1)", "2008-05-31 00:00:00.0"),
    ("r_ADD_MONTHS", "select trunc(add_months(date '2008-01-01', 12)) as calplus12", "2009-01-01"),
    ("r_ADD_MONTHS", "select trunc(add_months(date '2008-01-03', 12))", "2009-01-03"),
    ("r_ADD_MONTHS", "select add_months(timestamp '2008-01-15 10:30:00', -1)", "2007-12-15 10:30:00.0"),
    # --- MONTHS_BETWEEN -------------------------------------------------------------------------
    ("r_MONTHS_BETWEEN_function", "select months_between('1969-01-18', '1969-03-18') as months", -2.0),
    ("r_MONTHS_BETWEEN_function", "select months_between(timestamp '2008-12-25 15:00:00', timestamp '2008-01-21 19:30:00')", Approx(11.12)),
    ("r_MONTHS_BETWEEN_function", "select months_between(timestamp '2008-12-01 19:30:00', timestamp '2008-01-03 15:00:00')", Approx(10.94)),
    ("r_MONTHS_BETWEEN_function", "select months_between(timestamp '2008-12-07 14:00:00', timestamp '2008-01-16 19:30:00')", Approx(10.7)),
    ("r_MONTHS_BETWEEN_function", "select months_between(timestamp '2008-12-15 15:00:00', timestamp '2008-01-21 19:00:00')", Approx(10.8)),
    ("r_MONTHS_BETWEEN_function", "select months_between(timestamp '2008-12-19 19:00:00', timestamp '2008-01-08 19:30:00')", Approx(11.35)),
    ("r_MONTHS_BETWEEN_function", "select months_between(date '2014-02-15', timestamp '2014-01-15 10:00:00')", 1.0),
    ("r_MONTHS_BETWEEN_function", "select months_between(date '2014-09-30', date '2014-08-31')", 1.0),
    ("r_MONTHS_BETWEEN_function", "select months_between(null, date '2014-08-31')", None),
    # --- NEXT_DAY ------------------------------------------------------------------------------
    ("r_NEXT_DAY", "select next_day('2014-08-20','Tuesday')", "2014-08-26"),
    ("r_NEXT_DAY", "select next_day('2014-08-19','Tuesday')", "2014-08-26"),
    ("r_NEXT_DAY", "select next_day('2014-08-20','TUESDAY')", "2014-08-26"),
    ("r_NEXT_DAY", "select next_day(date '2008-07-06', 'Monday') as marketing_target", "2008-07-07"),
    ("r_NEXT_DAY", "select next_day(date '2008-07-03', 'Monday')", "2008-07-07"),
    ("r_NEXT_DAY", "select next_day(date '2008-07-01', 'Monday')", "2008-07-07"),
    # --- comparison functions ------------------------------------------------------------------
    ("r_DATE_CMP", "select date_cmp(date '2008-01-01','2008-01-04')", -1),
    ("r_DATE_CMP", "select date_cmp(date '2008-01-04','2008-01-04')", 0),
    ("r_DATE_CMP", "select date_cmp(date '2008-01-05','2008-01-04')", 1),
    ("r_DATE_CMP_TIMESTAMP", "select date_cmp_timestamp('2008-06-18', timestamp '2008-01-24 06:43:29')", 1),
    ("r_DATE_CMP_TIMESTAMP", "select date_cmp_timestamp('2008-06-18', timestamp '2008-11-01 07:35:33')", -1),
    ("r_DATE_CMP_TIMESTAMP", "select date_cmp_timestamp('2008-06-18', timestamp '2008-06-17 09:44:54')", 1),
    ("r_TIMESTAMP_CMP", "select timestamp_cmp(timestamp '2008-01-24 06:43:29', timestamp '2008-02-18 02:36:48')", -1),
    ("r_TIMESTAMP_CMP", "select timestamp_cmp(timestamp '2008-06-17 09:44:54', timestamp '2008-06-17 09:44:54')", 0),
    ("r_TIMESTAMP_CMP_DATE", "select timestamp_cmp_date(timestamp '2008-01-24 06:43:29', '2008-06-18')", -1),
    ("r_TIMESTAMP_CMP_DATE", "select timestamp_cmp_date(timestamp '2008-11-01 07:35:33', '2008-06-18')", 1),
    ("r_DATE_CMP_TIMESTAMPTZ", "select date_cmp_timestamptz(date '2008-06-18', timestamptz '2008-06-18 00:00:00+00')", 0),
    ("r_TIMESTAMPTZ_CMP", "select timestamptz_cmp(timestamptz '2008-06-18 10:00:00+00', timestamptz '2008-06-18 05:00:00 EST')", 0),
    ("r_TIMESTAMPTZ_CMP_TIMESTAMP", "select timestamptz_cmp_timestamp(timestamptz '2008-06-18 10:00:00+00', timestamp '2008-06-18 09:00:00')", 1),
    ("r_INTERVAL_CMP", "select interval_cmp('3 days','1 year')", -1),
    ("r_INTERVAL_CMP", "select interval_cmp('7 days','1 week')", 0),
    # --- TO_CHAR (datetime) ---------------------------------------------------------------------
    ("r_TO_CHAR", "select to_char(timestamp '2009-12-31 23:15:59', 'MONTH-DY-DD-YYYY HH12:MIPM')", "DECEMBER -THU-31-2009 11:15PM"),
    ("r_TO_CHAR", "select to_char(timestamp '2009-12-31 23:15:59', 'DDD')", "365"),
    ("r_TO_CHAR", "select to_char(timestamp '2022-05-16 23:15:59', 'ID')", "1"),
    ("r_TO_CHAR", "select to_char(date '2009-12-31', 'MONTH')", "DECEMBER "),
    ("r_TO_CHAR", "select to_char(timestamp '2008-01-25 14:30:00', 'HH12:MI:SS')", "02:30:00"),
    ("r_TO_CHAR", "select to_char(timestamp '2008-01-25 14:30:00', 'MON-DD-YYYY HH12:MIPM')", "JAN-25-2008 02:30PM"),
    ("r_TO_CHAR", "select to_char(timestamp '2009-12-31 23:15:59','HH24:MI:SS')", "23:15:59"),
    ("r_TO_CHAR", "select to_char(timestamp '2008-02-18 02:36:48', 'cc')", "21"),
    ("r_TO_CHAR", "select to_char(timestamp '2008-01-25 14:30:00', 'HH12:MI:SS TZ')", "02:30:00 UTC"),
    ("r_TO_CHAR", "select to_char(timestamp '2015-04-10 18:45:09.325143', 'HH24:MI:SS')", "18:45:09"),
    ("r_TO_CHAR", "select to_char(timestamp '2015-04-10 18:45:09.325143', 'HH24:MI:SS.MS')", "18:45:09.325"),
    ("r_TO_CHAR", "select to_char(timestamp '2015-04-10 18:45:09.325143', 'HH24:MI:SS:US')", "18:45:09:325143"),
    ("r_FORMAT_strings", "select to_char(date '2009-12-27', 'D')", "1"),
    ("r_FORMAT_strings", "select to_char(timestamp '2009-12-31 23:15:59', 'YYYY-MM-DD\"T\"HH24')", "2009-12-31T23"),
    # --- TO_CHAR (numbers) ----------------------------------------------------------------------
    ("r_TO_CHAR", "select to_char(-125.8, '999D99S')", "125.80-"),
    ("r_TO_CHAR", "select to_char(-125.88, '$S999D99')", "$-125.88"),
    ("r_TO_CHAR", "select to_char(-125.88, '$999D99PR')", "$<125.88>"),
    ("r_TO_CHAR", "select to_char(125, 'RN')", rn("CXXV")),
    ("r_TO_CHAR", "select to_char(728.00 - 109.20, 'rn')", rn("dcxix")),
    ("r_TO_CHAR", "select to_char(76.00 - 11.40, 'rn')", rn("lxv")),
    ("r_TO_CHAR", "select to_char(350.00 - 52.50, 'rn')", rn("ccxcviii")),
    ("r_TO_CHAR", "select to_char(175.00 - 26.25, 'rn')", rn("cxlix")),
    ("r_TO_CHAR", "select to_char(154.00 - 23.10, 'rn')", rn("cxxxi")),
    ("r_TO_CHAR", "select to_char(394.00 - 59.10, 'rn')", rn("cccxxxv")),
    ("r_TO_CHAR", "select to_char(788.00 - 118.20, 'rn')", rn("dclxx")),
    ("r_TO_CHAR", "select to_char(197.00 - 29.55, 'rn')", rn("clxvii")),
    ("r_TO_CHAR", "select to_char(591.00 - 88.65, 'rn')", rn("dii")),
    ("r_TO_CHAR", "select to_char(65.00 - 9.75, 'rn')", rn("lv")),
    ("r_TO_CHAR", "select to_char(728.00 - 109.20, 'l99999D99')", "$   618.80"),
    ("r_TO_CHAR", "select to_char(76.00 - 11.40, 'l99999D99')", "$    64.60"),
    ("r_TO_CHAR", "select to_char(350.00 - 52.50, 'l99999D99')", "$   297.50"),
    ("r_TO_CHAR", "select to_char(65.00 - 9.75, 'l99999D99')", "$    55.25"),
    # --- TO_DATE / TO_TIMESTAMP / TO_NUMBER -----------------------------------------------------
    ("r_TO_DATE_function", "select to_date('02 Oct 2001', 'DD Mon YYYY')", "2001-10-02"),
    ("r_TO_DATE_function", "select to_date('20010631', 'YYYYMMDD', FALSE)", "2001-07-01"),
    ("r_TO_DATE_function", "select to_date('20010631', 'YYYYMMDD')", "2001-07-01"),
    ("r_TO_TIMESTAMP", "select to_timestamp('2017','YYYY')", "2017-01-01 00:00:00+00"),
    ("r_TO_TIMESTAMP", "select to_timestamp('2011-12-18 24:38:15', 'YYYY-MM-DD HH24:MI:SS')", "2011-12-19 00:38:15+00"),
    ("r_TO_TIMESTAMP", "select to_timestamp(timestamp '2021-04-05 19:27:53.281812', 'YYYY-MM-DD HH24:MI:SS') as second", "2021-04-05 19:27:53+00"),
    ("r_TO_TIMESTAMP", "select to_timestamp('', 'YYYY-MM-DD')", "0001-01-01 00:00:00+00"),
    ("r_TO_NUMBER", "select to_number('12,454.8-', '99G999D9S')", "-12454.8"),
    ("r_TO_NUMBER", "select to_number('$ 12,454.88', 'L 99G999D99')", "12454.88"),
    ("r_TO_NUMBER", "select to_number('12.345','99D999')", "12.345"),
    # --- CONVERT_TIMEZONE -----------------------------------------------------------------------
    ("CONVERT_TIMEZONE", "select convert_timezone('PST', timestamp '2008-08-24 09:36:12')", "2008-08-24 01:36:12.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('US/Pacific', timestamp '2008-08-24 09:36:12')", "2008-08-24 02:36:12.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('EST', 'PST', '20080305 12:25:29')", "2008-03-05 09:25:29.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('America/New_York', '2013-02-01 08:00:00')", "2013-02-01 03:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('America/New_York', '2013-06-01 08:00:00')", "2013-06-01 04:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('GMT','NEWZONE +2','2014-05-17 12:00:00') as newzone_plus_2", "2014-05-17 10:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('GMT','NEWZONE-2:15','2014-05-17 12:00:00')", "2014-05-17 14:15:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('GMT','America/Los_Angeles+2','2014-05-17 12:00:00')", "2014-05-17 10:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('GMT','GMT+2','2014-05-17 12:00:00')", "2014-05-17 10:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('Europe/London', '2014-01-15 12:00:00')", "2014-01-15 12:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('Europe/London', '2014-07-15 12:00:00')", "2014-07-15 13:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('PST8', timestamp '2008-08-24 09:36:12')", "2008-08-24 01:36:12.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('EST5EDT', '2013-06-01 08:00:00')", "2013-06-01 04:00:00.0"),
    ("CONVERT_TIMEZONE", "select convert_timezone('PDT', 'UTC', '2008-08-24 02:36:12')", "2008-08-24 09:36:12.0"),
    # --- date + time (r_DATE-CONCATENATE_function), clock functions ------------------------------
    ("r_GETDATE", "select getdate()", Matches(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.0")),
    ("r_SYSDATE", "select sysdate", Matches(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{1,6}")),
    ("r_CURRENT_DATE_function", "select current_date", Matches(r"\d{4}-\d\d-\d\d")),
    ("r_TIMEOFDAY_function", "select timeofday()", Matches(r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d\.\d{6} \d{4} UTC")),
    ("r_GETDATE", "select datediff(day, trunc(getdate()), current_date)", 0),
]


@pytest.fixture(scope="module")
def corpus(client):
    """Every case run once on one server (statements submitted together, then collected)."""
    ids = [client.execute_statement(Sql=sql, **TARGET)["Id"] for _, sql, _ in CASES]
    from conftest import wait
    results = []
    for statement_id in ids:
        d = wait(client, statement_id)
        results.append((d, fetch_all(client, statement_id) if d["Status"] == "FINISHED" else None))
    return results


MEMBER = {int: "longValue", float: "doubleValue", str: "stringValue"}


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{slug}:{sql[7:60]}" for slug, sql, _ in CASES])
def test_case(corpus, index):
    slug, sql, expected = CASES[index]
    describe, records = corpus[index]
    assert describe["Status"] == "FINISHED", f"{sql}: {describe.get('Error')}"
    (field,), = records
    (member, got), = field.items()
    if expected is None:
        assert member == "isNull"
    elif isinstance(expected, (Approx, Matches)):
        assert expected.matches(got), f"{sql} ({slug}): got {got!r}, want {expected!r}"
    else:
        assert (member, got) == (MEMBER[type(expected)], expected), f"{sql} ({slug})"


def test_default_column_names(client):
    """r_DATEADD_function DATE_ADD, r_DATEDIFF_function DATE_DIFF, r_DATE_PART_function pgdate_part,
    r_EXTRACT_function date_part, r_DATE_PART_YEAR date_part_year."""
    d = run(client, "select dateadd(day,1,'2008-01-01'), datediff(day,'2008-01-01','2008-01-02'), "
                    "date_part(day, date '2008-01-01'), extract(day from date '2008-01-01'), date_part_year(date '2008-01-01')", **TARGET)
    assert d["Status"] == "FINISHED", d.get("Error")
    names = [c["name"] for c in client.get_statement_result(Id=d["Id"])["ColumnMetadata"]]
    assert names == ["date_add", "date_diff", "pgdate_part", "date_part", "date_part_year"]


@pytest.mark.parametrize("sql, message", [
    # r_TO_DATE_function / r_TO_TIMESTAMP: is_strict TRUE rejects out-of-range fields.
    ("select to_date('20010631', 'YYYYMMDD', TRUE)", "date/time field date value out of range: 2001-6-31"),
    ("select to_timestamp('2011-12-18 24:38:15', 'YYYY-MM-DD HH24:MI:SS', TRUE)", "date/time field time value out of range: 24:38:15.0"),
])
def test_strict_conversions_fail(client, sql, message):
    d = run(client, sql, **TARGET)
    assert d["Status"] == "FAILED"
    assert message in d["Error"]
