// libzstd (Debian libzstd-dev): ZSTD inputs of COPY and outputs of UNLOAD, ZSTD Parquet pages.
#include <zstd.h>
