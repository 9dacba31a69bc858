// Linux's epoll (libc): PGWire watches sockets for hang-ups while their connection's SQL runs.
#ifdef __linux__
#include <sys/epoll.h>
#endif
