// zlib (system library), for reading gzip-compressed audit logs in Replay's importers.
#include <zlib.h>
