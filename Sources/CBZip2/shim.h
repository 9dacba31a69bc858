// libbz2 (Debian libbz2-dev): BZIP2 inputs of COPY, BZIP2 outputs of UNLOAD.
#include <bzlib.h>
