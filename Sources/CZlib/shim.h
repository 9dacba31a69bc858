// zlib (system library): gzip audit logs (Replay's importers), GZIP COPY inputs and UNLOAD outputs, GZIP Parquet pages.
#include <zlib.h>
