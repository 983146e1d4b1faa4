import sys


def prefix_function(s):
    pi = [0] * len(s)
    for i in range(1, len(s)):
        k = pi[i - 1]
        while k and s[i] != s[k]:
            k = pi[k - 1]
        if s[i] == s[k]:
            k += 1
        pi[i] = k
    return pi


def main():
    s = sys.stdin.readline().strip()
    n = len(s)
    p = n - prefix_function(s)[-1]
    print(p if n % p == 0 else n)


main()
