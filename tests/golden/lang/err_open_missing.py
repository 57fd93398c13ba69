# needs: core
# an uncaught FileNotFoundError names the errno and the file
print('opening')
f = open('missing_file.txt')
print('not reached')
