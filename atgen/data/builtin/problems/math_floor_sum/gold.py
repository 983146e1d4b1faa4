import math
import sys


def main():
    n = int(sys.stdin.readline())
    k = math.isqrt(n)
    # Pairs (i, n // i) are symmetric around sqrt(n): count the i <= k side twice, minus the k*k overlap.
    print(2 * sum(n // i for i in range(1, k + 1)) - k * k)


main()
