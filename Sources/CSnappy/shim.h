// libsnappy (Debian libsnappy-dev): Snappy pages of Parquet files and blocks of Avro files.
#include <snappy-c.h>
