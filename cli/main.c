#include <stdio.h>

int
main(void)
{
	puts("newsfact: under construction");
	return 2;
}
