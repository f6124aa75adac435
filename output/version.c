#include "output/version.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/banned.h"

void
nf_output_versions(struct nf_buf *out)
{
	nf_buf_printf(out, "cJSON %s, SQLite %s", cJSON_Version(),
		      sqlite3_libversion());
}
